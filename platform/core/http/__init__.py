"""HTTP plumbing shared by every view: request guards and French error answers."""
