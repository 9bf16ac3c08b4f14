-- liaison push: the request id is stored before the first send, never replaced.
UPDATE liaison.Outbox
SET
    RequestId = @RequestId,
    UpdatedAt = GETDATE()
WHERE OutboxId = @OutboxId AND RequestId IS NULL;
