-- `--purge-removed`: forgets the fields GesCom deleted or retyped, with
-- their values (the CRM's "remove unsynchronised fields").
DELETE v
FROM liaison.InfoLibreValeur AS v
INNER JOIN liaison.InfoLibreDef AS d ON d.DefId = v.DefId
WHERE d.IntegrationId = @IntegrationId AND d.Statut <> N'actif';
DELETE FROM liaison.InfoLibreDef
WHERE IntegrationId = @IntegrationId AND Statut <> N'actif';
SELECT @@ROWCOUNT AS Purged;
