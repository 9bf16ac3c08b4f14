-- liaison push: the ERP key of an item once it is done (parent of a contact or address).
SELECT o.ErpKey
FROM liaison.Outbox AS o
WHERE o.OutboxId = @OutboxId AND o.Status = N'done';
