-- D081: no full backup of this database in the last @BackupDays days
-- (msdb backup history; a login that cannot read it gets the check skipped).
SELECT
    DB_NAME() AS finding_key,
    (
        SELECT CONVERT(varchar(19), MAX(b.backup_finish_date), 120)
        FROM msdb.dbo.backupset AS b
        WHERE b.database_name = DB_NAME() AND b.type = 'D'
    ) AS detail
WHERE NOT EXISTS (
    SELECT 1 FROM msdb.dbo.backupset AS b
    WHERE b.database_name = DB_NAME()
        AND b.type = 'D'
        AND b.backup_finish_date >= DATEADD(DAY, -@BackupDays, GETDATE())
);
