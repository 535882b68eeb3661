package io.github.bedrockposthog.internal.bedrock;

/** Test view: the prompt and the output a family's dialect reads from one body. */
interface FamilyReader {

    String prompt(Object requestJson);

    ModelOutput output(Object responseJson);
}
