package io.lifeline.domain.model;

public record BackendScriptMissing(String path) implements StartupFailure {
    @Override
    public FailureClass failureClass() {
        return FailureClass.BACKEND_SCRIPT_MISSING;
    }

    @Override
    public String summary() {
        return "Backend script not found: " + path;
    }

    @Override
    public String remedy(SettingNames settings) {
        String script = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return "Point " + settings.of(RemedySetting.BACKEND_DIR) + " at the folder that holds the backend's " + script;
    }
}
