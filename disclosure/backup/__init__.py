"""Backup and restore of the whole site: the database and the media files (等保 2.0,
GB/T 22239-2019 8.1.4.10 数据备份恢复).

``manage.py backup_site``, ``restore_site`` and ``verify_backup`` are thin wrappers over
:mod:`.archive` (write and read one archive), :mod:`.database` (the engine's own dump and
restore) and :mod:`.manifest` (what the archive must hold: row counts and content hashes per
table, a SHA-256 per file). The package knows nothing of pages or columns: it walks every
installed model, so a new app is backed up and verified without a change here.
"""
