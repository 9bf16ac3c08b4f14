-- D070: tiers codification not enabled while the integration numbers new
-- accounts from GesCom (run only with --numbering gescom).
SELECT 'P_PARAMETRECIAL' AS finding_key
WHERE NOT EXISTS (
    SELECT 1 FROM P_PARAMETRECIAL AS p WHERE p.P_CodifTiers = 1
);
