-- liaison push: the outcome of one item (done with its ERP key, error = blocked,
-- pending = transient failure retried by the next run).
UPDATE liaison.Outbox
SET
    Status = @Status,
    ErpKey = COALESCE(@ErpKey, ErpKey),
    LastErrorCode = @Code,
    LastErrorMessage = LEFT(@Message, 1000),
    Attempts = Attempts + 1,
    UpdatedAt = GETDATE()
WHERE OutboxId = @OutboxId;
