-- One staged free-field definition (batched like crm_stage_tiers.sql).
INSERT INTO liaison.StageDef (IntegrationId, Source, Name, CbType, ValueKind, Len, Pos)
VALUES
(@IntegrationId, @p0, @p1, @p2, @p3, @p4, @p5);
