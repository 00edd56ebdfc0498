"""The document view: right-to-left text with span highlights, painting, the arc overlay for
relations and event arguments, label colours and the bundled fonts."""
