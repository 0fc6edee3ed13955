package io.agentmesh.verticles.rag;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The default model, in this process with no network: all-MiniLM-L6-v2 quantized (384 dimensions, reads at most
 * 256 word pieces), its weights inside the library's jar. A call runs on the calling thread and on that one core
 * only: ONNX Runtime's own threads, by default one per core and spinning while they wait, cost twice the CPU per
 * query and ran ingest at 0.63x of two single-core calls side by side (bench/RESULTS.md). Parallelism comes from
 * {@link EmbeddingLanes}, whose threads each run a call; the session is safe to share between them.
 */
final class LocalMiniLm implements Embedder {

  static final String NAME = "all-minilm-l6-v2-q";
  private static final String WEIGHTS = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final AbstractInProcessEmbeddingModel model;

  LocalMiniLm() {
    OnnxBertBiEncoder encoder = encoder();
    this.model = new AbstractInProcessEmbeddingModel(Runnable::run) {
      @Override
      protected OnnxBertBiEncoder model() {
        return encoder;
      }

      @Override
      protected Integer knownDimension() {
        return 384;
      }
    };
  }

  private static OnnxBertBiEncoder encoder() {
    ClassLoader loader = LocalMiniLm.class.getClassLoader();
    try (InputStream weights = loader.getResourceAsStream(WEIGHTS);
         InputStream tokenizer = loader.getResourceAsStream(TOKENIZER);
         OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(weights.readAllBytes(), options);
      return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException("The local embedding model cannot be read from its jar", e);
    } catch (OrtException e) {
      throw new IllegalStateException("The local embedding model cannot be loaded", e);
    }
  }

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
