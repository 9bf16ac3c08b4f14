-- Registers (or refreshes) an integration by name and returns its id.
UPDATE liaison.Integration
SET ServerName = @ServerName, DatabaseName = @DatabaseName
WHERE
    Name = @Name
    AND (ServerName <> @ServerName OR DatabaseName <> @DatabaseName);
INSERT INTO liaison.Integration (Name, ServerName, DatabaseName, CreatedAt)
SELECT
    @Name,
    @ServerName,
    @DatabaseName,
    GETDATE()
WHERE NOT EXISTS (SELECT 1 FROM liaison.Integration AS i WHERE i.Name = @Name);
SELECT i.IntegrationId
FROM liaison.Integration AS i
WHERE i.Name = @Name;
