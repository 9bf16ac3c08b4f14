-- Advances the change pointer; runs inside the transaction that wrote the
-- data it covers, so both commit or neither does.
UPDATE liaison.Watermark
SET
    LastPointer = @LastPointer,
    WindowKey = @WindowKey,
    OptionsKey = @OptionsKey,
    DefsKey = @DefsKey,
    LastFullAt = CASE WHEN @Full = 1 THEN GETDATE() ELSE LastFullAt END,
    LastRunAt = GETDATE(),
    LastRunId = @RunId,
    Outcome = @Outcome
WHERE IntegrationId = @IntegrationId AND Job = @Job;
INSERT INTO liaison.Watermark (
    IntegrationId, Job, LastPointer, WindowKey, OptionsKey, DefsKey,
    LastFullAt, LastRunAt, LastRunId, Outcome
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
    @Outcome
WHERE NOT EXISTS (
    SELECT 1 FROM liaison.Watermark AS w
    WHERE w.IntegrationId = @IntegrationId AND w.Job = @Job
);
