# syntax=docker/dockerfile:1
# The gateway as a container: build generated/ and the one-file server in a full Node image, then run only
# dist/server.mjs (self-contained: no node_modules) as the unprivileged `node` user.
#
#   docker build -t gateway .                                   # builds ./gateway.yaml
#   docker build -t gateway --build-arg CONFIG=deploy/gateway.yaml .
#
# Listening beyond loopback needs inbound auth in the gateway.yaml (server.auth): the server refuses to start
# without it. deploy/gateway.yaml is the example with bearer auth; deploy/compose.yaml builds it.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# CONFIG is read from the repository root (its spec paths are relative to the root), copied over gateway.yaml.
ARG CONFIG=gateway.yaml
RUN if [ "$CONFIG" != "gateway.yaml" ]; then cp "$CONFIG" gateway.yaml; fi \
 && node bin/gateway.mjs build \
 && node dist/server.mjs --list-tools > /dev/null

FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /src/dist/server.mjs ./dist/server.mjs
USER node
EXPOSE 3000
# HTTP is the default transport (--stdio selects stdio); liveness GET /healthz, readiness GET /readyz.
CMD ["node", "dist/server.mjs", "--host", "0.0.0.0", "--port", "3000"]
