# The Collector of docker-compose.yml: the contrib image, plus what a healthcheck and a
# persistent queue need. The contrib image is built FROM scratch (no shell, no wget), so a
# static busybox provides `wget` for the healthcheck, and the file_storage directory is
# created owned by the Collector's user (10001) so a fresh named volume mounted there is
# writable.
FROM busybox:1.36.1-musl AS tools
RUN mkdir -p /out/file_storage && chown 10001:10001 /out/file_storage

FROM otel/opentelemetry-collector-contrib:0.136.0
COPY --from=tools /bin/busybox /busybox
COPY --from=tools --chown=10001:10001 /out/file_storage /var/lib/otelcol/file_storage
