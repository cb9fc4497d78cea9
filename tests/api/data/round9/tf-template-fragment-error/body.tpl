{
  "openapi": "3.0.1",
  "info": {"title": "fragments", "version": "1"},
  "paths": {
    ${paths}
  }
}
