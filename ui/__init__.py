"""Presentation shared by the pages: Plotly figures, Streamlit widgets, Korean/English strings."""
