-- Releases the integration lock taken by crm_lock.sql.
EXEC sp_releaseapplock @Resource = @LockName, @LockOwner = N'Session';
