# Build stage: the whole reactor, tests skipped (CI runs them); produces collector.jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl collector -am

# Run stage: a JRE and the self-contained jar.
FROM eclipse-temurin:17-jre
WORKDIR /sluice
COPY --from=build /src/collector/target/collector.jar /sluice/collector.jar
# Listen on all interfaces inside the container, as Jaeger's image does.
ENV JAEGER_LISTEN_HOST=0.0.0.0
EXPOSE 4317 4318 8888 13133 16686
ENTRYPOINT ["java", "-jar", "/sluice/collector.jar"]
