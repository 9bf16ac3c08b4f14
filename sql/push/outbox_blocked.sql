-- liaison push --list-blocked: the synchronisation-error list (blocked or taken out of the flow).
SELECT
    o.OutboxId,
    o.Entity,
    o.Operation,
    o.LastErrorCode,
    o.LastErrorMessage,
    o.Attempts,
    o.Excluded,
    CONVERT(varchar(19), o.UpdatedAt, 120) AS UpdatedAt
FROM liaison.Outbox AS o
WHERE o.Status = N'error' OR o.Excluded = 1
ORDER BY o.OutboxId;
