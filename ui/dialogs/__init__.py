"""The file dialogs and actions: import, export, bundle exchange and merge, and the small
prompts (annotator name, layer choice, plain-text messages)."""
