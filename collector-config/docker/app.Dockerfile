# One image for the `app` and `receiver` services of docker-compose.yml: this repository,
# installed and built the way a user's CI would (npm ci, npm run build).
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
