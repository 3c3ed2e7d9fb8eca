# The API and web front end against an external Neo4j (NEO4J_URI is required in the container).
# Node 24 LTS; the app runs as the image's unprivileged `node` user and cannot write its own code.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web
ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000
USER node
CMD ["node", "--import", "tsx", "api/main.ts"]
