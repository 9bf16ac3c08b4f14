-- liaison push: the next pending outbox items, in order (docs/push.md).
SELECT TOP (@Max)
    o.OutboxId,
    o.Entity,
    o.Operation,
    o.Payload,
    o.RequestId,
    o.Attempts
FROM liaison.Outbox AS o
WHERE
    o.Status = N'pending'
    AND o.Excluded = 0
    AND o.OutboxId > @After
ORDER BY o.OutboxId;
