// OpenBLAS's CBLAS interface and its thread-count control (Debian's libopenblas-dev).
#include <cblas.h>

// OpenBLAS pins its own thread pool; the engine threads over the batch itself and keeps BLAS at
// one thread for small GEMMs, where two-thread OpenBLAS was measured to collapse.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
