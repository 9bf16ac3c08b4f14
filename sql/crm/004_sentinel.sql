-- Deletion sentinels kept with each job's change pointer: per GesCom
-- document table, the identity reached before the run read (cbMarq, never
-- reused) and the count and sum of the cbMarq at or below it.  The next
-- incremental run recomputes them; equal (and no such row changed) means no
-- row it had read was deleted, so the expensive deletion check is skipped
-- (docs/replication.md).  With them: the count and sum of the cbMarq of the
-- rows the next run's overlap will hold (change pointer >= SentinelSince),
-- and the GesCom clock when they were taken.  NULL = unknown: the check runs.  The guard keeps
-- the script harmless when the columns already exist.
IF COL_LENGTH('liaison.Watermark', 'EnteteMarq') IS NULL
BEGIN
    ALTER TABLE liaison.Watermark ADD EnteteMarq bigint NULL;
    ALTER TABLE liaison.Watermark ADD EnteteCount bigint NULL;
    ALTER TABLE liaison.Watermark ADD EnteteMarqSum bigint NULL;
    ALTER TABLE liaison.Watermark ADD LigneMarq bigint NULL;
    ALTER TABLE liaison.Watermark ADD LigneCount bigint NULL;
    ALTER TABLE liaison.Watermark ADD LigneMarqSum bigint NULL;
    ALTER TABLE liaison.Watermark ADD EnteteWinCount bigint NULL;
    ALTER TABLE liaison.Watermark ADD EnteteWinMarqSum bigint NULL;
    ALTER TABLE liaison.Watermark ADD LigneWinCount bigint NULL;
    ALTER TABLE liaison.Watermark ADD LigneWinMarqSum bigint NULL;
    ALTER TABLE liaison.Watermark ADD SentinelSince datetime NULL;
    ALTER TABLE liaison.Watermark ADD SentinelClock datetime NULL;
END;
