-- Empties this integration's staging rows (left over by a crashed run).
DELETE FROM liaison.StageValeur WHERE IntegrationId = @IntegrationId;
DELETE FROM liaison.StageDef WHERE IntegrationId = @IntegrationId;
DELETE FROM liaison.StageTiers WHERE IntegrationId = @IntegrationId;
