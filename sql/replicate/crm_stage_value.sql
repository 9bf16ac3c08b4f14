-- One staged free-field value as canonical text (batched like
-- crm_stage_tiers.sql); typed on apply.
INSERT INTO liaison.StageValeur (IntegrationId, CT_Num, Source, Name, ValText)
VALUES
(@IntegrationId, @p0, @p1, @p2, @p3);
