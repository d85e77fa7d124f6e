"""PDF appendices with ReportLab platypus: documents composed of flowables."""
