package io.agentmesh.verticles.rag;

import java.util.List;

/** An embedding model: texts in, one vector each out. Blocking: called on a worker thread only. */
interface Embedder {

  String model();

  int dimensions();

  List<float[]> embed(List<String> texts);
}
