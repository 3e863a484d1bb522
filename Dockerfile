# LLM gateway container image: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#
#   docker build -t llm-gateway .
#   docker run -p 127.0.0.1:8080:8080 -e GATEWAY_API_KEY -e OLLAMA_URL=http://host.docker.internal:11434 \
#     --add-host=host.docker.internal:host-gateway llm-gateway
#
# The config is read from /app/config/config.yaml (GATEWAY_CONFIG); mount your own file there. The image
# ships config/config.docker.yaml in that place: an Ollama at OLLAMA_URL (default http://ollama:11434), and
# clients must present GATEWAY_API_KEY, without which the gateway does not start (it listens on 0.0.0.0).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so the package layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Gateway/Gateway.csproj Gateway/
RUN dotnet restore Gateway/Gateway.csproj

COPY Gateway/ Gateway/
RUN dotnet publish Gateway/Gateway.csproj --configuration Release --no-restore --output /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

COPY --from=build /app/publish ./
COPY config/config.docker.yaml /app/config/config.yaml

ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    GATEWAY_CONFIG=/app/config/config.yaml \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

EXPOSE 8080

# The runtime image's unprivileged 'app' user (uid 1654).
USER $APP_UID

# The image has no curl or wget: the gateway itself asks http://127.0.0.1:8080/health and exits 0 or 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["dotnet", "/app/Gateway.dll", "--health-check"]

ENTRYPOINT ["dotnet", "/app/Gateway.dll"]
