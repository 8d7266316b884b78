# One image for the API (with the staff console it serves at /console) and the Temporal worker. TypeScript runs
# from source through ts-node; only the console is built (by Vite).
#   API (default):  node -r ts-node/register/transpile-only apps/api/src/main.ts
#   worker:         node -r ts-node/register/transpile-only apps/worker/src/main.ts
FROM node:20-bookworm-slim

WORKDIR /app

# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/workflows/package.json libs/workflows/
COPY libs/activities/package.json libs/activities/
COPY libs/persistence/package.json libs/persistence/
COPY libs/config/package.json libs/config/
COPY libs/local-stack/package.json libs/local-stack/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/console/package.json apps/console/
RUN npm ci && npm cache clean --force

COPY tsconfig.base.json tsconfig.json ./
COPY libs/ libs/
COPY apps/ apps/
# The staff console, served by the API at /console.
RUN npm run console:build

USER node
ENV PORT=3000
EXPOSE 3000
CMD ["node", "-r", "ts-node/register/transpile-only", "apps/api/src/main.ts"]
