"""Talking with families: threads with the structure, announcements, news, downloads and the
notification preferences (decision 0025). E-mail transport stays in ``core.messaging``."""
