-- Server-side lock of one integration (resource named after it): two
-- replicators can never write the same integration at once, whatever machine
-- they run on.  Session-owned,
-- released on disconnect.  Result >= 0: granted; -1: held by another session.
DECLARE @rc int;
EXEC @rc = sp_getapplock
    @Resource = @LockName,
    @LockMode = N'Exclusive',
    @LockOwner = N'Session',
    @LockTimeout = 0;
SELECT @rc AS LockResult;
