/**
 * Imported first by every command-line entry point, before the AWS SDK loads: the SDK's notice
 * that future versions need Node.js 22 says nothing to a user of the local runtime, and DynamoDB
 * Local must not try to send telemetry from a machine without internet.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.DDB_LOCAL_TELEMETRY ??= '0';
