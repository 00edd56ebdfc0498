"""Events and relations: the events panel, the ``Linker`` that draws relations and fills
argument roles, and the schema editor with its tables."""
