-- Change pointer, run context and deletion sentinels of one integration's job.
SELECT
    CONVERT(varchar(19), w.LastPointer, 120) AS LastPointer,
    w.WindowKey,
    w.OptionsKey,
    w.DefsKey,
    CONVERT(varchar(19), w.LastFullAt, 120) AS LastFullAt,
    CONVERT(varchar(19), w.LastRunAt, 120) AS LastRunAt,
    w.Outcome,
    w.EnteteMarq,
    w.EnteteCount,
    w.EnteteMarqSum,
    w.LigneMarq,
    w.LigneCount,
    w.LigneMarqSum,
    w.EnteteWinCount,
    w.EnteteWinMarqSum,
    w.LigneWinCount,
    w.LigneWinMarqSum,
    CONVERT(varchar(19), w.SentinelSince, 120) AS SentinelSince,
    CONVERT(varchar(19), w.SentinelClock, 120) AS SentinelClock
FROM liaison.Watermark AS w
WHERE w.IntegrationId = @IntegrationId AND w.Job = @Job;
