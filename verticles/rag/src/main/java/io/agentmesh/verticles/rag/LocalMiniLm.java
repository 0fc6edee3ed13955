package io.agentmesh.verticles.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.List;

/**
 * The default model, in this process with no network: all-MiniLM-L6-v2 quantized (384 dimensions, reads at most
 * 256 word pieces), its weights inside the jar. Runs on the calling thread (the domain's bounded embedding pool):
 * the library would otherwise spread a batch over a pool of its own.
 */
final class LocalMiniLm implements Embedder {

  static final String NAME = "all-minilm-l6-v2-q";

  private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

  @Override
  public String model() {
    return NAME;
  }

  @Override
  public int dimensions() {
    return 384;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
  }
}
