-- Drops the key set gescom_keys.sql staged, once gescom_tiers.sql was read
-- (a connection kept by the daemon does not hold it until the next run).
IF OBJECT_ID('tempdb..#lia_tiers') IS NOT NULL DROP TABLE #lia_tiers;
