# syntax=docker/dockerfile:1
# One image recipe for every app: docker build --build-arg APP=identity -t mpp-identity .
# The app is chosen by APP (gateway, identity, catalog, ordering, miniprograms, ops);
# it runs `node dist/apps/$APP/main.js`.

FROM node:20-slim AS build
WORKDIR /app
# Dependencies first, so source edits do not invalidate the npm layer.
# Install scripts are off (as package.json's allowScripts says): nothing at runtime needs them. Our own
# postinstall is run by hand: it applies patches/ (a kafkajs fix; see patches/README.md).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --ignore-scripts --no-audit --no-fund && npx patch-package --error-on-fail
COPY . .
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-slim AS runtime
ARG APP=gateway
ENV NODE_ENV=production \
    APP=${APP}
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# A named volume mounted here keeps the image's owner, so the gateway (as node) can write packages into it.
RUN mkdir -p /var/lib/mpp/blobs && chown node:node /var/lib/mpp/blobs
USER node
EXPOSE 3000
# exec: node becomes PID 1 and receives SIGTERM from `docker stop` directly.
CMD ["sh", "-c", "exec node dist/apps/${APP}/main.js"]
