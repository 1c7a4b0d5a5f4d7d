# Builds the service from this repository; tests run in CI (.ci/run), not here.
# Pinned releases: a rebuild gets the same JDK and JRE.
FROM eclipse-temurin:17.0.17_10-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17.0.17_10-jre
RUN useradd --system --home /app journal
WORKDIR /app
# The service's state (the demo PKI, the CSV drop): a volume mounted here takes this owner.
RUN mkdir -p /app/var && chown journal /app/var
COPY --from=build /src/routes/target/journal-archive.jar /app/journal-archive.jar
USER journal
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/journal-archive.jar", "serve"]
