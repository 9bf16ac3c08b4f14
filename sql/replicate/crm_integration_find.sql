-- Id of an existing integration (verify and feed never create one).
SELECT i.IntegrationId
FROM liaison.Integration AS i
WHERE i.Name = @Name;
