class BackupError(Exception):
    """A backup, restore or verification that cannot go on; the message is for the operator
    (Chinese) and says what to do. Nothing has been written when it is raised."""
