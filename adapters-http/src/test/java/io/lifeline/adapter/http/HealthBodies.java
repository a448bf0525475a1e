package io.lifeline.adapter.http;

/** Health bodies as backends send them; {@link #fixture} is exactly the shape of fixture-backend/main.py. */
final class HealthBodies {

    static final String FIXTURE_HEALTHY = fixture("healthy", "healthy", "healthy", "healthy");
    static final String FIXTURE_DEGRADED = fixture("degraded", "healthy", "healthy", "degraded");

    private HealthBodies() {
    }

    static String fixture(String status, String cache, String websocket, String database) {
        return """
                {"status": "%s", "service": "lifeline-fixture", "pid": 4242,
                 "timestamp": "2025-01-01T12:00:00.000Z", "correlation_id": "backend-startup-1700000000000",
                 "services": {"cache": "%s", "websocket": "%s", "database": "%s"},
                 "metrics": {"uptime_seconds": 1.234, "memory_mb": 42.5, "active_connections": 1},
                 "scenario": "healthy"}
                """.formatted(status, cache, websocket, database);
    }

    static String minimal(String status) {
        return "{\"status\": \"" + status + "\", \"services\": {\"database\": \"" + status + "\"}}";
    }
}
