"""Booking services: enrolments, the rules of a change, the commit engine, the cart, the
weekly template, attendance and the planning grid. Views and tasks call these only."""
