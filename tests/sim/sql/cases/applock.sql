-- sp_getapplock / sp_releaseapplock between two sessions
DECLARE @rc int
EXEC @rc = sp_getapplock @Resource = 'liaison_replicate', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0
SELECT @rc AS first_get
GO
--! session other
DECLARE @rc int
EXEC @rc = sp_getapplock @Resource = 'liaison_replicate', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0
SELECT @rc AS blocked
EXEC @rc = sp_getapplock @Resource = 'other_resource', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0
SELECT @rc AS other_free
GO
--! session main
DECLARE @rc int
EXEC @rc = sp_releaseapplock @Resource = 'liaison_replicate', @LockOwner = 'Session'
SELECT @rc AS released
EXEC @rc = sp_releaseapplock @Resource = 'liaison_replicate', @LockOwner = 'Session'
SELECT @rc AS not_held
GO
--! session other
DECLARE @rc int
EXEC @rc = sp_getapplock @Resource = 'liaison_replicate', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 100
SELECT @rc AS now_granted
GO
--! session main
DECLARE @rc int
EXEC @rc = sp_getapplock 'liaison_replicate', 'Exclusive', 'Session', 50
SELECT @rc AS timed_out
BEGIN TRAN
EXEC @rc = sp_getapplock @Resource = 'tx_lock', @LockMode = 'Exclusive'
SELECT @rc AS tx_get
COMMIT
EXEC @rc = sp_getapplock @Resource = 'tx_lock', @LockMode = 'Exclusive'
GO
--! session other
DECLARE @rc int
EXEC @rc = sp_getapplock @Resource = 'tx_lock', @LockMode = 'Shared', @LockOwner = 'Session', @LockTimeout = 0
SELECT @rc AS tx_lock_released_at_commit
GO
EXEC sp_who
GO
