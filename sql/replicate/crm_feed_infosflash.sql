-- `liaison feed infosflash`: the reporting view as it stands.
SELECT v.*
FROM dbo.vReportCompanyInfosFlash AS v
WHERE @IntegrationId IS NULL OR v.IntegrationId = @IntegrationId
ORDER BY v.IntegrationId, v.CT_Num;
