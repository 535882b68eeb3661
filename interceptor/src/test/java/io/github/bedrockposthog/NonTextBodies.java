package io.github.bedrockposthog;

/**
 * InvokeModel request and response bodies of the embedding, image and rerank models (#13, #14), written from AWS's
 * model-parameter documentation (each constant names its page under
 * https://docs.aws.amazon.com/bedrock/latest/userguide/ or the Nova user guide). Vectors are cut to a few numbers and
 * images to a tiny PNG: enough to prove no event carries either ({@link #VECTOR_MARK}, {@link #IMAGE_BASE64}).
 */
final class NonTextBodies {

    private NonTextBodies() {
    }

    /** A number that appears only in the vectors below: an event holding it holds a vector. */
    static final String VECTOR_MARK = "0.0123456";
    /** A 1x1 PNG, base64: an event holding it holds an image. */
    static final String IMAGE_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    // model-parameters-titan-embed-text.html, "V2 Request" / "V2 Response"
    static final String TITAN_V2_REQUEST = """
            {"inputText": "What is the capital of France?", "dimensions": 256, "normalize": true}""";
    static final String TITAN_V2_RESPONSE = """
            {"embedding": [0.0123456, -0.0456, 0.0789], "inputTextTokenCount": 8,
             "embeddingsByType": {"float": [0.0123456, -0.0456, 0.0789]}}""";

    // model-parameters-titan-embed-text.html, "G1 Request" / "G1 Response"
    static final String TITAN_V1_REQUEST = """
            {"inputText": "Paris is the capital of France."}""";
    static final String TITAN_V1_RESPONSE = """
            {"embedding": [0.0123456, 0.25, -0.5], "inputTextTokenCount": 6}""";

    // model-parameters-titan-embed-mm.html (Titan Multimodal Embeddings G1): text and image in, one embedding out
    static final String TITAN_MM_REQUEST = """
            {"inputText": "A small grey cat", "inputImage": "%s",
             "embeddingConfig": {"outputEmbeddingLength": 256}}""".formatted(IMAGE_BASE64);
    static final String TITAN_MM_RESPONSE = """
            {"embedding": [0.0123456, 0.5, -0.25], "inputTextTokenCount": 5, "message": null}""";

    // model-parameters-embed-v3.html: an image (data URI) instead of texts
    static final String COHERE_IMAGE_REQUEST = """
            {"images": ["data:image/png;base64,%s"], "input_type": "image", "embedding_types": ["float"]}"""
            .formatted(IMAGE_BASE64);

    // model-parameters-embed-v3.html, "Request" / "Response" (embeddings as floats)
    static final String COHERE_V3_REQUEST = """
            {"texts": ["Paris is in France.", "Berlin is in Germany."], "input_type": "search_document",
             "truncate": "NONE"}""";
    static final String COHERE_V3_RESPONSE = """
            {"id": "5e7a4b2c-0000-4000-8000-000000000001", "response_type": "embeddings_floats",
             "embeddings": [[0.0123456, 0.5], [0.25, -0.75]],
             "texts": ["paris is in france.", "berlin is in germany."]}""";

    // model-parameters-embed-v4.html, "Request" / "Response" (embeddings by type, billed units in meta)
    static final String COHERE_V4_REQUEST = """
            {"texts": ["Where is the Louvre?"], "input_type": "search_query", "embedding_types": ["float"],
             "output_dimension": 256}""";
    static final String COHERE_V4_RESPONSE = """
            {"id": "5e7a4b2c-0000-4000-8000-000000000002", "response_type": "embeddings_by_type",
             "embeddings": {"float": [[0.0123456, 0.5, -0.25]]}, "texts": ["where is the louvre?"],
             "meta": {"api_version": {"version": "2"}, "billed_units": {"input_tokens": 12}}}""";

    // Nova user guide, embeddings-schema.html, "Complete synchronous schema" and its response
    static final String NOVA_EMBED_REQUEST = """
            {"schemaVersion": "nova-multimodal-embed-v1", "taskType": "SINGLE_EMBEDDING",
             "singleEmbeddingParams": {"embeddingPurpose": "GENERIC_INDEX", "embeddingDimension": 256,
             "text": {"truncationMode": "END", "value": "A red bicycle by the river."}}}""";
    static final String NOVA_EMBED_RESPONSE = """
            {"embeddings": [{"embeddingType": "TEXT", "embedding": [0.0123456, 0.5, -0.25]}]}""";

    // model-parameters-titan-image.html (Titan Image Generator G1 v1/v2): TEXT_IMAGE request and response;
    // Nova Canvas (Nova user guide, image-gen-req-resp-structure.html) takes the same shape
    static final String AMAZON_IMAGE_REQUEST = """
            {"taskType": "TEXT_IMAGE", "textToImageParams": {"text": "A lighthouse at dawn",
             "negativeText": "people"}, "imageGenerationConfig": {"numberOfImages": 1, "height": 768,
             "width": 1280, "cfgScale": 8.0, "seed": 42}}""";
    static final String AMAZON_IMAGE_RESPONSE = """
            {"images": ["%s"], "error": null}""".formatted(IMAGE_BASE64);

    // model-parameters-diffusion-3-5-large.html: request {prompt, ...}, response {seeds, finish_reasons, images}
    static final String STABILITY_REQUEST = """
            {"prompt": "A watercolor fox in the snow", "mode": "text-to-image", "aspect_ratio": "1:1",
             "output_format": "png", "seed": 7}""";
    static final String STABILITY_RESPONSE = """
            {"seeds": [7], "finish_reasons": [null], "images": ["%s"]}""".formatted(IMAGE_BASE64);

    // model-parameters-cohere-rerank.html / rerank-use.html (InvokeModel): {query, documents, top_n, api_version}
    static final String RERANK_REQUEST = """
            {"query": "Which city is the capital of France?", "documents": ["Paris is the capital of France.",
             "Berlin is in Germany.", "The Seine flows through Paris."], "top_n": 2, "api_version": 2}""";
    static final String RERANK_RESPONSE = """
            {"id": "5e7a4b2c-0000-4000-8000-000000000003", "results": [{"index": 0, "relevance_score": 0.98},
             {"index": 2, "relevance_score": 0.41}]}""";
}
