# Builds the service from this repository; tests run in CI (.ci/run), not here.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app journal
WORKDIR /app
COPY --from=build /src/routes/target/journal-archive.jar /app/journal-archive.jar
USER journal
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/journal-archive.jar", "serve"]
