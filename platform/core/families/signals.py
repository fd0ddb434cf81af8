"""Signal receivers of the family file."""
