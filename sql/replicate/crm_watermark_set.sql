-- Advances the change pointer and the deletion sentinels; runs inside the
-- transaction that wrote the data they cover, so all commit or none does.
UPDATE liaison.Watermark
SET
    LastPointer = @LastPointer,
    WindowKey = @WindowKey,
    OptionsKey = @OptionsKey,
    DefsKey = @DefsKey,
    LastFullAt = CASE WHEN @Full = 1 THEN GETDATE() ELSE LastFullAt END,
    LastRunAt = GETDATE(),
    LastRunId = @RunId,
    Outcome = @Outcome,
    EnteteMarq = @EnteteMarq,
    EnteteCount = @EnteteCount,
    EnteteMarqSum = @EnteteMarqSum,
    LigneMarq = @LigneMarq,
    LigneCount = @LigneCount,
    LigneMarqSum = @LigneMarqSum,
    EnteteWinCount = @EnteteWinCount,
    EnteteWinMarqSum = @EnteteWinMarqSum,
    LigneWinCount = @LigneWinCount,
    LigneWinMarqSum = @LigneWinMarqSum,
    SentinelSince = @SentinelSince,
    SentinelClock = @SentinelClock
WHERE IntegrationId = @IntegrationId AND Job = @Job;
INSERT INTO liaison.Watermark (
    IntegrationId, Job, LastPointer, WindowKey, OptionsKey, DefsKey,
    LastFullAt, LastRunAt, LastRunId, Outcome,
    EnteteMarq, EnteteCount, EnteteMarqSum, LigneMarq, LigneCount, LigneMarqSum,
    EnteteWinCount, EnteteWinMarqSum, LigneWinCount, LigneWinMarqSum,
    SentinelSince, SentinelClock
)
SELECT
    @IntegrationId,
    @Job,
    @LastPointer,
    @WindowKey,
    @OptionsKey,
    @DefsKey,
    CASE WHEN @Full = 1 THEN GETDATE() END,
    GETDATE(),
    @RunId,
    @Outcome,
    @EnteteMarq,
    @EnteteCount,
    @EnteteMarqSum,
    @LigneMarq,
    @LigneCount,
    @LigneMarqSum,
    @EnteteWinCount,
    @EnteteWinMarqSum,
    @LigneWinCount,
    @LigneWinMarqSum,
    @SentinelSince,
    @SentinelClock
WHERE NOT EXISTS (
    SELECT 1 FROM liaison.Watermark AS w
    WHERE w.IntegrationId = @IntegrationId AND w.Job = @Job
);
