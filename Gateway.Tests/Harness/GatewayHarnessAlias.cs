// The deployment and container tests, kept apart with a sandbox of their own, still start the gateway by this name.
global using GatewayHarness = Gateway.Tests.Harness.TestGateway;
