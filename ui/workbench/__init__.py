"""The workbench: the main window (layout, docks, settings), its menus, the labelling and
editing actions, the current layer on screen, the side panels, details and validation."""
