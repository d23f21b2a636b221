package com.aiagents.platform.sdpsim.resources;

/** SDP accepts {@code input_data} as a form field and, on any method, as a query parameter. */
final class InputData {

    private InputData() {
    }

    static String of(String formField, String queryParameter) {
        return formField != null ? formField : queryParameter;
    }
}
